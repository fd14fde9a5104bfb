// Runs before every npm command, on whatever Node the machine has: plain old JavaScript, so that
// Node 20 and older say what to do instead of failing on a .ts file (ERR_UNKNOWN_FILE_EXTENSION).
'use strict';
var parts = process.versions.node.split('.');
var major = Number(parts[0]);
var minor = Number(parts[1]);
if (major < 22 || (major === 22 && minor < 12)) {
  var nvmrc = '';
  try {
    nvmrc = require('fs').readFileSync(require('path').join(__dirname, '..', '..', '.nvmrc'), 'utf8').trim();
  } catch (e) {}
  process.stderr.write(
    'Wide Net needs Node \u2265 22.12 (you have ' + process.versions.node + '); see .nvmrc' + (nvmrc ? ' (it says ' + nvmrc + ')' : '') + '.\n' +
      'With nvm: `nvm install && nvm use`. Otherwise install Node ' + (nvmrc || '24') + ' from https://nodejs.org/ and run the command again.\n'
  );
  process.exit(1);
}
