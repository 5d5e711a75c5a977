/** Row types of the notice-request tables (facts and lists as JSON text, times as ISO-8601 UTC text). */

export interface NoticeRequestsTable {
  id: string;
  agency_id: string;
  kind: 'wanted' | 'missing';
  status: string;
  /** The working copy's facts, JSON (core/notice-requests `RequestFacts`). */
  facts: string;
  family_name: string;
  forename: string;
  national_reference: string;
  /** Number of the last submitted version (0 before the first submission). */
  version: number;
  published_version: number | null;
  /** JSON array of user ids who edited or submitted the working copy since the last decision. */
  contributors: string;
  /** The public extract's row in `notices`, once published with consent. */
  notice_id: string | null;
  /** Public reference `YYYY/NNNNN`, given at first approval. */
  reference: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
  expires_at: string | null;
  withdrawal_reason: string | null;
  withdrawal_note: string | null;
  is_demo: number;
}

export interface NoticeRequestVersionsTable {
  request_id: string;
  version: number;
  facts: string;
  /** JSON array of the photo ids submitted with this version. */
  photo_ids: string;
  contributors: string;
  /** `request`, `update` or `renewal`. */
  occasion: string;
  submitted_by: string;
  submitted_at: string;
  decision: string | null;
  decided_by: string | null;
  decided_at: string | null;
}

export interface NoticeRequestEventsTable {
  id: string;
  request_id: string;
  version: number;
  at: string;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  action: string;
  /** The request's status after the step. */
  status: string;
  comment: string | null;
  /** JSON: checklist, findings, reason. */
  details: string;
}

export interface NoticeRequestPhotosTable {
  id: string;
  request_id: string;
  position: number;
  width: number;
  height: number;
  /** JSON: `{ large: { key, width, height }, medium: …, thumb: … }`. */
  sizes: string;
  removed_at: string | null;
  created_by: string;
  created_at: string;
}

/** A form posted after its session ended, kept for the browser that posted it. */
export interface ParkedFormsTable {
  /** SHA-256 of the random token in the browser's `parked` cookie. */
  token_hash: string;
  /** The form's action path, without language prefix. */
  path: string;
  /** JSON object of the form's text fields (files are not kept). */
  fields: string;
  created_at: string;
  expires_at: string;
}

export interface RequestTables {
  parked_forms: ParkedFormsTable;
  notice_requests: NoticeRequestsTable;
  notice_request_versions: NoticeRequestVersionsTable;
  notice_request_events: NoticeRequestEventsTable;
  notice_request_photos: NoticeRequestPhotosTable;
}
