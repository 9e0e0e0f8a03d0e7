import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Files worth compressing: text. Images and fonts Vite emits are compressed already. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;
/** Below this, the headers cost more than compression saves. */
export const MIN_BYTES = 1024;

export interface CompressedCopies {
  br: Buffer;
  gzip: Buffer;
}

/** Brotli at its best quality (built once, served many times) and gzip -9, for browsers without br. */
export async function compressCopies(content: Buffer): Promise<CompressedCopies> {
  const [br, gzip] = await Promise.all([
    brotli(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
    gz(content, { level: 9 }),
  ]);
  return { br, gzip };
}

/**
 * Writes `<file>.br` and `<file>.gz` next to every text file of the build (the kernel serves the one the
 * browser accepts, see core/src/http/console-static.ts). A copy that would not be smaller is not written,
 * and the server falls back to the plain file.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'platform-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => COMPRESSIBLE.test(f) && !f.startsWith('.vite/'));
      await Promise.all(
        files.map(async (file) => {
          const path = join(outDir, file);
          const content = await readFile(path);
          if (content.length < MIN_BYTES) return;
          const copies = await compressCopies(content);
          if (copies.br.length < content.length) await writeFile(`${path}.br`, copies.br);
          if (copies.gzip.length < content.length) await writeFile(`${path}.gz`, copies.gzip);
        }),
      );
    },
  };
}
