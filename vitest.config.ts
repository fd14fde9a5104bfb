import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Many tests start real servers, child processes, Astro builds or Chromium: give a loaded
    // 2-core CI machine room, without letting a hung test run forever.
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
