using DeepSeekOcr.Server.Hosting;

return await ServerHost.RunAsync(args);
