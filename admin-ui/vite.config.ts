import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { adminPluginNames } from './vite-plugins/adminPluginNames.ts';
import { precompress } from './vite-plugins/precompress.ts';
import { vendorChunkOf } from './vite-plugins/vendorChunks.ts';

/**
 * The console shell. Plugin console entries (`plugins/<name>/admin/index.tsx`) live outside this folder;
 * they are found with `import.meta.glob` in src/plugins/registry.ts and resolve the shared libraries
 * (react, react-admin, MUI...) from here through `resolve.dedupe`, so a plugin never bundles a second copy.
 *
 * Test fixture plugins (`test/fixtures/<name>/admin/index.tsx`) are included unless
 * PLATFORM_ADMIN_FIXTURES=0; they are inert chunks unless the kernel actually loads that fixture plugin.
 */
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const includeFixtures = process.env.PLATFORM_ADMIN_FIXTURES !== '0';
const apiTarget = process.env.PLATFORM_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  base: '/',
  esbuild: { jsx: 'automatic' },
  plugins: [adminPluginNames([here('../plugins'), ...(includeFixtures ? [here('../test/fixtures')] : [])]), precompress()],
  define: {
    __PLATFORM_INCLUDE_FIXTURES__: JSON.stringify(includeFixtures),
  },
  resolve: {
    alias: [{ find: /^@platform\/sdk\/admin$/, replacement: here('../sdk/src/admin/index.ts') }],
    dedupe: [
      'react',
      'react-dom',
      'react-admin',
      'ra-core',
      '@mui/material',
      '@mui/system',
      '@mui/icons-material',
      '@emotion/react',
      '@emotion/styled',
      'react-router',
      'react-router-dom',
      '@tanstack/react-query',
      'react-hook-form',
      'recharts',
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/docs': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: { manualChunks: vendorChunkOf },
      onwarn(warning, warn) {
        // MUI and react-router ship "use client" directives; meaningless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
