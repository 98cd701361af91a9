/** How to make the Google client Postline needs for real accounts (README: "Using a real Google account"). */
export function GoogleClientHelp() {
  return (
    <ol className="steps">
      <li>
        In the Google Cloud console, create a project and enable the <strong>Gmail API</strong>.
      </li>
      <li>
        Set up the <strong>OAuth consent screen</strong> with the scopes <code>openid</code>,{' '}
        <code>email</code>, <code>profile</code> and <code>gmail.send</code>, and add your Google
        account as a test user.
      </li>
      <li>
        Under <strong>Credentials</strong>, create an OAuth client ID of type{' '}
        <strong>Desktop app</strong>.
      </li>
      <li>Paste its client ID and client secret below, save, and restart Postline.</li>
    </ol>
  )
}
