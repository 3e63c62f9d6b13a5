/** The texts of the feed, ready to show; kept apart so their wording is tested in one place. */

export function welcomeMessage(name: string): string {
  return `Welcome to Agora, ${name}!`;
}

export function orderConfirmedMessage(totalCents: number): string {
  return `Your order of ${formatCents(totalCents)} is confirmed.`;
}

export function orderRejectedMessage(reason: string): string {
  return `Your order was rejected: ${reason}`;
}

export function orderCancelledMessage(previousStatus: 'PENDING' | 'CONFIRMED'): string {
  return previousStatus === 'CONFIRMED'
    ? 'Your order was cancelled; the reserved items went back to stock.'
    : 'Your order was cancelled before it was confirmed.';
}

/** Built once: constructing an Intl formatter loads locale data, costlier than the handler's SQL. */
const DOLLARS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Integer cents as an amount in the shop's currency (US dollars in the demo). */
export function formatCents(cents: number): string {
  return DOLLARS.format(cents / 100);
}
