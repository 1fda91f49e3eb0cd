import { reactRouter } from '@react-router/dev/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  build: { sourcemap: false },
  // Pre-bundled once per dependency change, so the first page of a demo does not wait for discovery.
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react-router', 'i18next', 'react-i18next'],
  },
});
