/** Row type of the photo store's table, used when photos are kept in the database so every instance sees them. */

export interface PhotoBlobsTable {
  /** A photo store key (see `isPhotoKey` in core/photos). */
  key: string;
  content_type: string;
  data: Uint8Array;
  byte_size: number;
  /** When these bytes were written; an overwrite sets it again. */
  created_at: string;
}

export interface PhotoTables {
  photo_blobs: PhotoBlobsTable;
}
