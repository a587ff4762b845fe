/** Clarity's inline spinner; its text is what a screen reader says. */
export function Spinner({ label }: { label: string }) {
  return (
    <span className="spinner-with-label" role="status">
      <span className="spinner spinner-inline" aria-hidden="true" />
      <span className="spinner-text">{label}</span>
    </span>
  );
}
