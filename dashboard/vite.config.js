// The dashboard's build. `npm run build` builds it into dist/dashboard/; for work on it alone,
// `npx vite dashboard` serves it with hot reload and passes /v1 to a server on port 7300.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  base: "/",
  build: { sourcemap: true, assetsDir: "assets", chunkSizeWarningLimit: 400 },
  server: { proxy: { "/v1": "http://127.0.0.1:7300" } },
});
