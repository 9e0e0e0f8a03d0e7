/** `@platform/sdk/storage`: blob storage for backups, exports and attachments. */
export * from '../storage.ts';
