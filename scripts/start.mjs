// `npm start`: build the lab and serve the production build locally, printing the URL.
import { spawn, spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const port = process.env.PORT ?? '4173';
console.log(`\nPruning Lab: open http://127.0.0.1:${port}/ (Ctrl+C to stop)\n`);
const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort'],
  { stdio: 'inherit' },
);
server.on('exit', (code) => process.exit(code ?? 0));
