/** Module shapes Vite and @crxjs resolve at build time. */
declare module '*?script' {
  /** Output path of the bundled content script, for scripting.executeScript. */
  const path: string;
  export default path;
}
