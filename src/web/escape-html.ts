/** Escapes text for HTML or XML content and attribute values, for markup written as strings rather than through JSX. */
const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);
