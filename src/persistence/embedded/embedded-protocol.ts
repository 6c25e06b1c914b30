/** What the embedded database process tells the bot over the IPC channel. */
export type EmbeddedServerMessage = { kind: 'ready' } | { kind: 'failed'; message: string };
