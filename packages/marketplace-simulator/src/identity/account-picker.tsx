import type { PickerModel } from "./picker";

/** The look-alike's account picker; the choice posts back to the look-alike, which issues the code. */
export function AccountPicker({ model }: { model: PickerModel }) {
  if (!model.ok) {
    return (
      <main className="mx-auto w-full max-w-md flex-1 px-6 py-16">
        <h1 className="text-2xl font-semibold text-slate-900">This sign-in link can&apos;t be used</h1>
        <p className="mt-3 text-slate-600">
          {model.reason === "expired" ? "It has expired." : "It is missing or was changed."} Go back to the application and sign in again.
        </p>
      </main>
    );
  }

  return (
    <main className="mx-auto w-full max-w-md flex-1 px-6 py-12">
      <p className="text-sm font-medium text-slate-500">Microsoft (simulated)</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">Pick an account</h1>
      <p className="mt-2 text-sm text-slate-600">
        to continue to <strong>{model.appName}</strong> at {model.returnsTo}
      </p>
      <form method="post" action={model.action} className="mt-8 space-y-6">
        <input type="hidden" name="request" value={model.sealedRequest} />
        {model.groups.map((group) => (
          <section key={group.tenantId} aria-labelledby={`tenant-${group.tenantId}`}>
            <h2 id={`tenant-${group.tenantId}`} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              {group.tenantName}
            </h2>
            <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200">
              {group.people.map((person) => (
                <li key={person.objectId} className="flex items-center justify-between gap-4 px-4 py-3">
                  <span className="text-sm text-slate-600">
                    {person.displayName}
                    <span className="block text-xs text-slate-500">{person.jobTitle}</span>
                  </span>
                  <button
                    type="submit"
                    name="login_hint"
                    value={person.email}
                    autoFocus={person.email === model.loginHint}
                    className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus:outline-none focus:ring-2 focus:ring-sky-500"
                  >
                    {person.email}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
        <button type="submit" name="cancel" value="1" className="text-sm text-slate-600 underline">
          Cancel
        </button>
      </form>
    </main>
  );
}
