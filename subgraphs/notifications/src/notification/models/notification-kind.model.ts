import { registerEnumType } from '@nestjs/graphql';
import type { NotificationKindName } from '../../db/schema';

export const NotificationKind = {
  WELCOME: 'WELCOME',
  ORDER_CONFIRMED: 'ORDER_CONFIRMED',
  ORDER_REJECTED: 'ORDER_REJECTED',
  ORDER_CANCELLED: 'ORDER_CANCELLED',
} as const satisfies { [K in NotificationKindName]: K };
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];

registerEnumType(NotificationKind, { name: 'NotificationKind', description: 'What a notification is about.' });
