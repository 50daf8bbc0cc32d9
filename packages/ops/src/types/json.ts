// JSON data types, shared by every layer (hook-tool output, backend, snapshots): a neutral module.

/** A value that survives JSON round trips unchanged: what snapshots and stored state may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };
