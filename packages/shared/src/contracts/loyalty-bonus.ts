import { z } from 'zod';

/** Loyalty — bonus (issue 5). Must not import from ./loyalty.ts (it imports this file); import from ./common.ts. */
