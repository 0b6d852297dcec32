/** One entry of a list of things left out: what it is, and why (both already in the user's language). */
export function ReasonRow({
  testId,
  name,
  reason,
  dataReason,
}: {
  testId: string;
  name: string;
  reason: string;
  dataReason?: string;
}) {
  return (
    <li data-testid={testId} data-reason={dataReason}>
      <span dir="auto">{name}</span>{' '}
      <span class="hint" dir="auto">
        — {reason}
      </span>
    </li>
  );
}
