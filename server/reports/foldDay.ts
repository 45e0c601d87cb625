import type { HallEvent } from '../../shared/events.ts';
import { dayFactsFold } from '../../shared/reports/dayFacts.ts';
import { toColumns, type DayColumns } from '../../shared/reports/dayColumns.ts';
import { TicketFold } from '../../shared/reports/ticketTimes.ts';
import { writeDayFile } from './compactFile.ts';
import { forEachJournalEvent } from './journalLines.ts';
import { dayStamp, followHeld } from './heldOverDays.ts';

/** What folding one closed day takes: its journal file, where its compact file goes, and the windows' services. */
export interface FoldJob {
  day: string;
  journalPath: string;
  reportPath: string;
  serves: Record<string, string[]>;
}

/** A closed day's journal, folded a line at a time into report columns. */
export function foldJournal(day: string, journalPath: string, serves: Record<string, string[]>): DayColumns {
  const tickets = new TicketFold();
  const facts = dayFactsFold(serves);
  forEachJournalEvent(journalPath, (e: HallEvent) => {
    tickets.add(e);
    facts.add(e);
  });
  // Tickets in hand at the close end in the next day's file; their rows stay this day's.
  followHeld(journalPath, (e) => tickets.add(e));
  return toColumns(day, tickets.rows({ closed: true }), facts.finish());
}

/** Folds a closed day and writes its compact file, stamped with the journal size it was folded from. */
export function foldToFile(job: FoldJob): void {
  const size = dayStamp(job.journalPath);
  writeDayFile(job.reportPath, foldJournal(job.day, job.journalPath, job.serves), size);
}
