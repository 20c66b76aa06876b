export interface StartedOperation {
  operationId: string;
  /** Microsoft's `Operation-Location` URL to poll, when it was sent. */
  operationLocation?: string;
}

const OPERATION_SEGMENT = /\/operations\/([^/?#]+)/i;

/**
 * PATCH and DELETE subscription answer 202 with `Operation-Location:
 * .../saas/subscriptions/{id}/operations/{operationId}?api-version=...`.
 * Microsoft's emulator also sends `Operation-Id`, used when the location is absent or odd.
 */
export function parseStartedOperation(headers: Headers): StartedOperation | undefined {
  const location = headers.get("operation-location")?.trim() || undefined;
  const fromLocation = location ? OPERATION_SEGMENT.exec(location)?.[1] : undefined;
  const operationId = (fromLocation ? safeDecode(fromLocation) : undefined) ?? (headers.get("operation-id")?.trim() || undefined);
  return operationId ? { operationId, operationLocation: location } : undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
