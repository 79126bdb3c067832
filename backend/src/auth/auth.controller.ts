import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from 'src/auth/auth-user.js';
import { AuthService } from 'src/auth/auth.service.js';
import { ChangePasswordDto } from 'src/auth/dto/change-password.dto.js';
import { LoginDto } from 'src/auth/dto/login.dto.js';
import { LoginResponseDto, MeResponseDto } from 'src/auth/dto/me-response.dto.js';
import { UpdateProfileDto } from 'src/auth/dto/update-profile.dto.js';
import { Authenticated, CurrentUser, Public } from 'src/auth/permissions.decorator.js';
import { SESSION_COOKIE } from 'src/auth/session-token.js';

const cookieOptions = (req: FastifyRequest) => ({ httpOnly: true, sameSite: 'strict' as const, secure: req.protocol === 'https', path: '/' });

@ApiTags('auth')
@Controller('admin/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<LoginResponseDto> {
    const result = await this.auth.login(dto.email, dto.password, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    void reply.setCookie(SESSION_COOKIE, result.accessToken, { ...cookieOptions(req), maxAge: result.expiresIn });
    return result;
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(user);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
  }

  @Get('me')
  @Authenticated()
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentUser() user: AuthUser): MeResponseDto {
    return this.auth.me(user);
  }

  @Patch('me')
  @Authenticated()
  @ApiOkResponse({ type: MeResponseDto })
  updateMe(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto): Promise<MeResponseDto> {
    return this.auth.updateProfile(user, dto.name);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(204)
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, dto.currentPassword, dto.newPassword);
  }
}
