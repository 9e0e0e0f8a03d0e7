/** Where the kernel API is, from the console's point of view. */
export const API_URL = '/api';
