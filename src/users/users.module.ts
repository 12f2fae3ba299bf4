import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WFUserProperty } from './entities/wf-user-property.entity';
import { WFUser } from './entities/wf-user.entity';
import { WFUserRepository } from './wf-user.repository';

@Module({
  imports: [TypeOrmModule.forFeature([WFUser, WFUserProperty])],
  providers: [WFUserRepository],
  exports: [WFUserRepository],
})
export class UsersModule {}
