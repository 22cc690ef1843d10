/** The 6-digit code from the authenticator app (O3), as typed at login and at enrolment. */
export function TotpField(props: {
  id: string;
  label: string;
  help: string;
  testId: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const { id, label, help, testId, value, invalid, onChange } = props;
  return (
    <div className="field">
      <label htmlFor={`${id}-code`}>{label}</label>
      <input
        id={`${id}-code`}
        data-testid={testId}
        name="totp"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        maxLength={7}
        value={value}
        aria-describedby={`${id}-code-help`}
        aria-invalid={invalid}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-code-help`} className="help">
        {help}
      </p>
    </div>
  );
}
