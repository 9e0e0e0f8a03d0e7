import { defineConfig } from 'vitest/config';

// A kernel boot on the embedded database takes a few seconds.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });
