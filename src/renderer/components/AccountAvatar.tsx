/** A hue that stays the same for an address, so each account keeps its colour. */
function hueFor(email: string): number {
  let hash = 0
  for (const char of email) hash = (hash * 31 + char.charCodeAt(0)) >>> 0
  return hash % 360
}

/** The first letter of an account's name on a colour of its own; decorative. */
export function AccountAvatar({ name, email }: { name: string; email: string }) {
  const letter = (name.trim() || email).charAt(0).toUpperCase()
  return (
    <span
      className="account-avatar"
      aria-hidden="true"
      style={{ backgroundColor: `hsl(${hueFor(email)} 45% 36%)` }}
    >
      {letter}
    </span>
  )
}
