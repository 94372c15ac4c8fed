// Stands in for the "server-only" package under vitest, which runs everything on the server.
export {};
