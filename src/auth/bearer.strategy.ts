import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import { TokenResolverService } from './token-resolver.service';
import { Principal } from './principal';

/** passport-http-bearer: reads `Authorization: Bearer …` and resolves it to a Principal. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly tokens: TokenResolverService) {
    super();
  }

  async validate(token: string): Promise<Principal | false> {
    return (await this.tokens.resolve(token)) ?? false;
  }
}
