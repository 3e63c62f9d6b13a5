import { formatCents, orderCancelledMessage, orderConfirmedMessage, orderRejectedMessage, welcomeMessage } from './notification-messages';

describe('notification messages', () => {
  it('greets a new user by name', () => {
    expect(welcomeMessage('Ada')).toBe('Welcome to Agora, Ada!');
  });

  it('tells the confirmed total in dollars', () => {
    expect(orderConfirmedMessage(123456)).toBe('Your order of $1,234.56 is confirmed.');
    expect(formatCents(5)).toBe('$0.05');
  });

  it('passes on the reason of a rejection', () => {
    expect(orderRejectedMessage('Not enough stock for Mug (ordered 2, 1 available).')).toBe(
      'Your order was rejected: Not enough stock for Mug (ordered 2, 1 available).',
    );
  });

  it('says whether a cancelled order had reserved stock', () => {
    expect(orderCancelledMessage('CONFIRMED')).toMatch(/went back to stock/);
    expect(orderCancelledMessage('PENDING')).toMatch(/before it was confirmed/);
  });
});
