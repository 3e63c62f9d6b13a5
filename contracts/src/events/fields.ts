import { z } from 'zod';

/** Field schemas shared by the contracts, so that every event spells an id or an amount alike. */
export const id = () => z.uuid();
export const instant = () => z.iso.datetime({ offset: true });
export const cents = () => z.number().int().nonnegative();
export const quantity = () => z.number().int().positive();
