/** Python the workers hand their interpreters, as text (Vite's ?raw). */
declare module '*.py?raw' {
  const source: string;
  export default source;
}
