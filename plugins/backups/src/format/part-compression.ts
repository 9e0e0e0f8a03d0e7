import type { Transform, TransformOptions } from 'node:stream';
import { constants, createBrotliCompress, createBrotliDecompress, createGunzip, createGzip, type BrotliOptions, type ZlibOptions } from 'node:zlib';

/**
 * How a backup's parts are compressed (the manifest's `encryption.compression`): `gzip` in formats 1 and 2 (the
 * default: a decrypted part is a plain .gz), `brotli` in format 3 (on request).
 *
 * gzip at level 1: the backup is CPU-bound, and level 6 costs twice the CPU of level 1 for 7 % less. On a quiet
 * machine the whole backup then runs at 0.55-0.61x the speed of `COPY TO STDOUT` (bench/backup), brotli at 0.70-0.74x.
 * Why brotli quality 1 with a 64 KiB window: on the benchmark's NDJSON (175 MB) it
 * costs 0.23 s of CPU for 19.9 MB, where gzip level 1 (zlib's fastest deflate) costs 0.46 s for 24.7 MB, gzip levels
 * 2 and 3 the same CPU for 24.5 / 24.1 MB, and level 6 twice it (1.0 s) for 23.0 MB. Brotli quality 0 is cheaper
 * still (0.18 s) but stores 26.5 MB; quality 2 costs as much as gzip 1. Reading back costs the same for both
 * (0.25 s to decompress).
 */
export type PartCompression = 'brotli' | 'gzip';
export const PART_COMPRESSIONS: readonly PartCompression[] = ['brotli', 'gzip'];

/** Output pieces of 64 KiB (zlib's default 16 KiB means four times the buffers and callbacks). */
const CHUNK_BYTES = 64 * 1024;
/** Up to 1 MiB of input waits for the thread pool, which compresses while the main thread reads the next rows. */
const stream: TransformOptions = { writableHighWaterMark: 1024 * 1024 };

export function partCompressor(compression: PartCompression): Transform {
  if (compression === 'gzip') return createGzip({ level: 1, memLevel: 9, chunkSize: CHUNK_BYTES, ...stream } as ZlibOptions);
  return createBrotliCompress({
    chunkSize: CHUNK_BYTES,
    params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_LGWIN]: 16, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
    ...stream,
  } as BrotliOptions);
}

export function partDecompressor(compression: PartCompression): Transform {
  return compression === 'gzip' ? createGunzip({ chunkSize: CHUNK_BYTES }) : createBrotliDecompress({ chunkSize: CHUNK_BYTES });
}
