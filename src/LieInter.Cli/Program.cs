using LieInter.Cli;

// Ctrl-C cancels the run (System.CommandLine turns SIGINT into the action's cancellation token); the commands stop
// at their next check, discard the unfinished result folder and exit with 130.
return await LieInterTool.RunAsync(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
