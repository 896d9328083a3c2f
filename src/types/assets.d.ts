// Snippet files are JSON; esbuild loads them with the json loader.
declare module '*.code-snippets' {
  const value: Record<string, { prefix: string[]; description: string; body: string[] }>;
  export default value;
}
