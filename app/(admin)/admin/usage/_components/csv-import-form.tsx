"use client";

import { useActionForm } from "action-form";
import { useState } from "react";
import { FormMessage, inputClass } from "@/components/admin/form-message";
import { SubmitButton } from "@/components/admin/submit-button";
import { TableScroll } from "@/components/ui/table";
import type { ActionResult } from "@/lib/actions/result";
import { importUsageAction, type ImportOutcome } from "../actions";

/**
 * The file is read in the browser and sent as text, so a refused import keeps it in the text box
 * to correct and send again (a file input cannot be refilled).
 */
export function CsvImportForm({ subscriptionId }: { subscriptionId?: string }) {
  // A version, not the text, keys the text box: it remounts with the kept text after each submission.
  const [{ csv, version }, setText] = useState({ csv: "", version: 0 });
  const setCsv = (text: string) => setText((t) => ({ csv: text, version: t.version + 1 }));
  const [fileName, setFileName] = useState("");
  const { state, formProps, fieldError } = useActionForm<ActionResult<ImportOutcome>>((prev, form) => {
    setCsv(String(form.get("csv") ?? ""));
    return importUsageAction(prev, form);
  });
  const error = fieldError("csv");
  const columns = subscriptionId
    ? "dimension, quantity, timestamp, id (optional)"
    : "subscriptionId, dimension, quantity, timestamp, id (optional)";
  return (
    <div className="space-y-4">
      <form {...formProps} aria-label="Import usage from CSV" className="space-y-3" noValidate>
        {subscriptionId && <input type="hidden" name="subscriptionId" value={subscriptionId} />}
        <input type="hidden" name="fileName" value={fileName} />
        <div>
          <label htmlFor="usage-csv-file" className="block text-sm font-medium text-slate-700">
            CSV file
          </label>
          <input
            id="usage-csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              setFileName(file.name);
              setCsv(await file.text());
            }}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800 hover:file:bg-slate-200"
          />
        </div>
        <div>
          <label htmlFor="usage-csv" className="block text-sm font-medium text-slate-700">
            Rows (from the file, or pasted)
          </label>
          <textarea
            id="usage-csv"
            name="csv"
            rows={5}
            key={version}
            defaultValue={csv}
            spellCheck={false}
            placeholder={
              subscriptionId
                ? "dimension,quantity,timestamp,id\napi-calls,120,2026-01-31T10:00:00Z,batch-42"
                : "subscriptionId,dimension,quantity,timestamp,id\n<subscription ID>,api-calls,120,2026-01-31T10:00:00Z,batch-42"
            }
            aria-invalid={Boolean(error)}
            aria-describedby={error ? "usage-csv-error" : "usage-csv-help"}
            className={`${inputClass(error)} font-mono text-xs`}
          />
          {error ? (
            <p id="usage-csv-error" className="mt-1 text-sm text-red-700">
              {error}
            </p>
          ) : (
            <p id="usage-csv-help" className="mt-1 text-xs text-slate-500">
              Columns: {columns}. Timestamps in ISO 8601 with an offset; at most 1,000 rows. A repeated id is never counted twice, nor is a
              row of the same file imported again.
            </p>
          )}
        </div>
        <FormMessage state={state} />
        <SubmitButton label="Import usage" pendingLabel="Importing…" variant="secondary" />
      </form>
      {state?.ok && state.data && state.data.rejected.length > 0 && <RefusedRows outcome={state.data} />}
    </div>
  );
}

function RefusedRows({ outcome }: { outcome: ImportOutcome }) {
  // Scrolls by itself where the column is narrow: focusable, so keyboard users can scroll it too.
  return (
    <TableScroll label="Refused rows">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="mb-2 text-left text-sm font-semibold text-red-800">
          Refused rows ({outcome.rejected.length} of {outcome.rows}); the other rows were kept
        </caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Row
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Dimension
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Quantity
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Timestamp
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Why
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {outcome.rejected.map((r) => (
            <tr key={r.row} className="align-top">
              <td className="px-3 py-2 tabular-nums text-slate-600">
                {r.row} <span className="text-xs text-slate-500">(line {r.line})</span>
              </td>
              <td className="px-3 py-2 font-mono text-xs">{r.values.dimension}</td>
              <td className="px-3 py-2 text-right font-mono text-xs">{r.values.quantity}</td>
              <td className="px-3 py-2 font-mono text-xs">{r.values.timestamp}</td>
              <td className="px-3 py-2 text-red-800">{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
