/** Row types of the case-exchange tables (lists as JSON text, times as ISO-8601 UTC text, booleans 0/1). */

export interface CasesTable {
  id: string;
  /** Human reference, `CASE-YYYY-NNNNN`. */
  reference: string;
  kind: string;
  subject: string;
  national_reference: string;
  crime_area: string;
  urgency: string;
  status: string;
  originator_agency_id: string;
  created_by: string;
  opened_at: string;
  deadline_at: string;
  answered_at: string | null;
  closed_at: string | null;
  refusal_reason: string | null;
  review_at: string | null;
  retention_note: string | null;
  erased_at: string | null;
  overdue_notified_at: string | null;
  entities: string;
  is_demo: number;
}

export interface CaseParticipantsTable {
  case_id: string;
  agency_id: string;
  role: string;
  added_at: string;
  added_by: string | null;
  activity_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface CaseMessagesTable {
  id: string;
  case_id: string;
  author_user_id: string;
  author_agency_id: string;
  reply_to: string | null;
  body: string;
  handling_code: string;
  restriction: string;
  source_grade: string;
  information_grade: string;
  sent_at: string;
}

export interface CaseMessagePermissionsTable {
  message_id: string;
  agency_id: string;
  granted_by: string;
  granted_at: string;
}

export interface CaseAttachmentsTable {
  id: string;
  message_id: string;
  case_id: string;
  file_name: string;
  width: number;
  height: number;
  sizes: string;
  created_at: string;
}

export interface CaseReceiptsTable {
  case_id: string;
  user_id: string;
  agency_id: string;
  opened_at: string;
}

export interface CaseLinksTable {
  case_id: string;
  /** `case` or `notice_request`. */
  target_type: string;
  target_id: string;
}

export interface CaseHitsTable {
  case_id: string;
  entity_index: number;
  request_id: string | null;
  reference: string | null;
  family_name: string;
  forename: string;
  score: number;
  is_match: number;
  explanation: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  case_id: string;
  /** `new_case`, `new_message`, `overdue`. */
  kind: string;
  created_at: string;
  read_at: string | null;
}

export interface EmailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

export interface CaseTables {
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
  cases: CasesTable;
  case_participants: CaseParticipantsTable;
  case_messages: CaseMessagesTable;
  case_message_permissions: CaseMessagePermissionsTable;
  case_attachments: CaseAttachmentsTable;
  case_receipts: CaseReceiptsTable;
  case_links: CaseLinksTable;
  case_hits: CaseHitsTable;
}
