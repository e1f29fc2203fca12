// ESLint flat config: Next's core-web-vitals rules (which bring react, react-hooks, jsx-a11y,
// import and @next/next), typescript-eslint's recommended rules, and a few project rules.
// Run with `npm run lint`; `npm test` runs it before the type check.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import reactHooks from "eslint-plugin-react-hooks";
import eslintComments from "@eslint-community/eslint-plugin-eslint-comments/configs";

export default defineConfig([
  globalIgnores([
    ".next/**",
    ".data/**",
    "node_modules/**",
    "server/db/generated/**", // Prisma's generated client
    "test-results/**",
    "playwright-report/**",
    "coverage/**",
    "next-env.d.ts",
  ]),
  // Next's rules and plugins apply to every script, the CommonJS helpers included.
  ...nextVitals.map((config) => (config.name === "next" ? { ...config, files: ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"] } : config)),
  ...nextTypescript,
  eslintComments.recommended,
  {
    name: "project/rules",
    files: ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"],
    rules: {
      // A dependency left out of a hook's list is a stale-closure bug waiting to happen.
      "react-hooks/exhaustive-deps": "error",
      // The codebase has no `any`; keep it that way.
      "@typescript-eslint/no-explicit-any": "error",
      // Unused code is an error; a leading underscore marks a deliberately unused binding.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      // One of ESLint's own recommended rules (Next's config leaves it out). Its neighbour
      // no-control-regex stays off: the input checks (sign-in, object keys, lake paths, callback
      // URLs) match control characters on purpose.
      "require-yield": "error",
      // Only matters to the React Compiler, which the portal does not run (no `reactCompiler` in
      // next.config.js): a hook it cannot memoize, like TanStack Virtual's, costs nothing here.
      "react-hooks/incompatible-library": "off",
    },
  },
  {
    // CommonJS helpers load their dependencies with require(); that is what the extension means.
    name: "project/commonjs",
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // React lives in app/ and components/ only. Elsewhere the hooks rules misread server code (a
    // `useSession()` method on an engine class is not a hook) and their compiler analysis is two
    // thirds of the lint's time.
    name: "project/no-react-outside-the-ui",
    files: ["server/**", "lib/**", "scripts/**", "e2e/**", "prisma/**", "*.{js,mjs,cjs,ts}"],
    rules: Object.fromEntries(Object.keys(reactHooks.configs.recommended.rules).map((rule) => [rule, "off"])),
  },
  {
    // Browser code reaches the server only through tRPC and route handlers. A value imported from
    // server/ would drag server modules (database, engines, secrets) into the client bundle;
    // types are erased and fine. Code both sides use lives in lib/.
    name: "project/client-code-imports-no-server-values",
    files: ["components/**/*.{ts,tsx}"],
    ignores: ["components/auth/session.ts"], // server-only (imports "server-only"): the signed-in user for server components
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/server/*", "**/server/*"], allowTypeImports: true, message: "Client code may import types only from server/; move shared code to lib/." }] },
      ],
    },
  },
  {
    // lib/ is isomorphic: the browser and the server both load it, so it depends on neither side.
    name: "project/lib-is-isomorphic",
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/*", "**/server/*", "@/components/*", "**/components/*"],
              message: "lib/ is shared by browser and server; it imports neither server/ nor components/.",
            },
          ],
        },
      ],
    },
  },
  {
    name: "project/disable-comments",
    rules: {
      // "No eslint-disable without the reason beside it": `// eslint-disable-next-line rule -- why`.
      "@eslint-community/eslint-comments/require-description": "error",
      "@eslint-community/eslint-comments/no-unlimited-disable": "error",
    },
    // A disable comment that no longer suppresses anything is reported, so none outlive their reason.
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
]);
