/** An evaluate answer as sent: the JSON body and its ETag. */
export interface SerializedAnswer {
  body: string;
  etag: string;
}
