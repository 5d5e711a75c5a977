/** The hidden field every portal form carries, with the token the pipeline's CSRF step issued for this request. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}
