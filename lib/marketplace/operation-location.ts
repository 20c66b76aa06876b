export interface StartedOperation {
  operationId: string;
  operationLocation?: string;
}

const OPERATION_SEGMENT = /\/operations\/([^/?#]+)/i;

// 202 carries `Operation-Location: .../subscriptions/{id}/operations/{operationId}?api-version=...`;
// Microsoft's emulator also sends `Operation-Id`, the fallback.
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
