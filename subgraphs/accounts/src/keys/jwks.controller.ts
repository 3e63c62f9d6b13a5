import { JWKS_PATH } from '@agora/auth';
import { Controller, Get, Header } from '@nestjs/common';
import type { JSONWebKeySet } from 'jose';
import { SigningKeys } from './signing-keys.service';

@Controller()
export class JwksController {
  constructor(private readonly keys: SigningKeys) {}

  /** The public keys that verify accounts' tokens, for the gateway and every subgraph; kept briefly, as keys rotate. */
  @Get(JWKS_PATH)
  @Header('Cache-Control', 'public, max-age=10')
  jwks(): Promise<JSONWebKeySet> {
    return this.keys.publicJwks();
  }
}
