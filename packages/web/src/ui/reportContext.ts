import { createContext, useContext } from 'react';
import type { ReportTarget } from '@salon/protocol';

/** T1: what is being reported, described for the person reporting. */
export interface ReportRequest {
  target: ReportTarget;
  /** Who or what, in words ("Message from Bob"). */
  subject: string;
  /** For a message: its text, quoted in the dialog. */
  excerpt?: string;
}

/** Opens the report dialog; provided by the chat layout (absent in parts rendered on their own). */
export const ReportContext = createContext<((request: ReportRequest) => void) | null>(null);

export function useReport(): ((request: ReportRequest) => void) | null {
  return useContext(ReportContext);
}
