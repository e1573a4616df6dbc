// Types of scripts/next-server.mjs for the TypeScript launchers (benches, screenshots).
export const nextBin: string;
export const heapLimitMb: number;
export function serverNodeFlags(env?: NodeJS.ProcessEnv): string[];
export function nextStartArgs(options: { port: number | string; host?: string; nodeFlags?: string[] }): string[];
