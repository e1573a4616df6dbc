// The scoring library's public surface (METHOD.md). Pure functions, no I/O.
export * from "./types";
export * from "./statistics";
export * from "./response-scores";
export * from "./aggregates";
export * from "./aggregate-entries";
export * from "./quality";
export * from "./reliability";
export * from "./importance-performance";
export * from "./five-gaps";
export * from "./results";
