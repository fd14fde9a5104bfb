// Preloaded with `node --import` into a measured child: reports its peak RSS on exit.
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
