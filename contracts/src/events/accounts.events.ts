import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { ROLES } from '../roles';
import { id, instant } from './fields';

const SOURCE = '/agora/accounts';

export const UserRegistered = defineEvent({
  type: 'accounts.user.registered.v1',
  source: SOURCE,
  description: 'A person signed up; notifications greets them.',
  schema: z.object({
    userId: id(),
    email: z.email(),
    name: z.string().min(1),
    role: z.enum(ROLES),
    registeredAt: instant(),
  }),
});
