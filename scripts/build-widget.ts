import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWidget } from './widget-build.ts';

// `npm run build:widget`: the website widget into .output/widget/, ready to upload to a CDN or the token service's
// host (docs/widget.md). Prints each file's size, gzipped as browsers fetch it.

const OUT = path.resolve(import.meta.dirname, '..', '.output', 'widget');
await mkdir(OUT, { recursive: true });
for (const [name, js] of Object.entries(await buildWidget())) {
  await writeFile(path.join(OUT, name), js);
  console.log(`${path.relative(process.cwd(), path.join(OUT, name))}  ${(js.length / 1024).toFixed(1)} KB, ${(gzipSync(js).length / 1024).toFixed(1)} KB gzipped`);
}
