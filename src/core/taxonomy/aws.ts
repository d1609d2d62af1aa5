/**
 * AWS API error codes as the SDKs print them (`ThrottlingException: Rate exceeded`,
 * `An error occurred (AccessDenied) when calling the GetObject operation`), plus the credential
 * chain failures that surface before any call is made.
 */
import type { FailureCategory } from '../model';
import type { EntityKind, Strength, TaxonomyEntry } from './types';

const RETRY = 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html (throttling error codes)';
const COMMON = 'https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (common errors of AWS APIs)';
const IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html';
const DDB = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html';
const S3 = 'https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html';
const EC2 = 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html';
const CREDS = 'https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html';
const SQS = 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html';
const KMS = 'https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html';
const SSM = 'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameter.html#API_GetParameter_Errors';

const A = (name: string, category: FailureCategory | 'symptom', strength: Strength, names: EntityKind | undefined, description: string, patterns: RegExp[], source: string): TaxonomyEntry => ({
  id: `aws.${name}`, vocabulary: 'aws', patterns, category, ...(names ? { names } : {}), strength, description, source,
});
/** The code as a word, or inside boto's `An error occurred (Code)`. */
const code = (name: string): RegExp => new RegExp(`(?:\\(${name}\\)|\\b${name}\\b)`);

export const AWS: readonly TaxonomyEntry[] = [
  A('ThrottlingException', 'rate-limit', 'strong', 'quota', 'The API throttled the caller (request rate above the account or API limit).', [code('ThrottlingException'), /\bRate exceeded\b/], RETRY),
  A('Throttling', 'rate-limit', 'strong', 'quota', 'Query-protocol spelling of a throttling error.', [/(?:\(Throttling\)|\bThrottling: |<Code>Throttling<\/Code>)/], RETRY),
  A('ThrottledException', 'rate-limit', 'strong', 'quota', 'A service-specific throttling error.', [code('ThrottledException'), code('RequestThrottledException'), code('RequestThrottled')], RETRY),
  A('TooManyRequestsException', 'rate-limit', 'strong', 'quota', 'The API (Lambda, API Gateway…) refused the request rate.', [code('TooManyRequestsException')], RETRY),
  A('RequestLimitExceeded', 'rate-limit', 'strong', 'quota', 'EC2 (or DynamoDB account-level) API request rate exceeded.', [code('RequestLimitExceeded')], EC2),
  A('ProvisionedThroughputExceededException', 'rate-limit', 'strong', 'quota', 'The DynamoDB table/index or Kinesis shard is over its provisioned throughput.', [code('ProvisionedThroughputExceededException')], DDB),
  A('SlowDown', 'rate-limit', 'strong', 'quota', 'S3 asks the caller to reduce its request rate on the prefix.', [/(?:\(SlowDown\)|\bSlowDown\b|Please reduce your request rate)/], S3),
  A('LimitExceededException', 'capacity', 'weak', 'quota', 'A service limit (concurrency, resource count) was exceeded.', [code('LimitExceededException')], COMMON),
  A('ServiceQuotaExceededException', 'capacity', 'strong', 'quota', 'An account service quota is used up.', [code('ServiceQuotaExceededException')], COMMON),
  A('InsufficientInstanceCapacity', 'capacity', 'strong', 'capacity', 'EC2 has no capacity for the instance type in the zone.', [code('InsufficientInstanceCapacity')], EC2),
  A('AccessDeniedException', 'permissions', 'strong', 'identity', 'The IAM principal lacks permission for the action.', [code('AccessDeniedException'), code('AccessDenied'), code('UnauthorizedOperation')], IAM),
  A('NotAuthorizedToPerform', 'permissions', 'strong', 'identity', 'The IAM message naming the principal, action and resource.', [/\bUser: (?<user>arn:aws[\w-]*:[^\s]+) is not authorized to perform: (?<verb>[\w-]+:[\w*]+)(?: on resource: (?<resource>\S+?))?(?:\s|$|\.? because)/, /\bis not authorized to perform: (?<verb>[\w-]+:[\w*]+)/], IAM),
  A('ExpiredToken', 'permissions', 'strong', 'identity', 'The temporary credentials expired (role session, SSO).', [code('ExpiredTokenException'), code('ExpiredToken'), /\bThe security token included in the request is expired\b/, code('RequestExpired')], COMMON),
  A('InvalidClientTokenId', 'permissions', 'strong', 'identity', 'The access key does not exist or is not valid in this region/partition.', [code('InvalidClientTokenId'), code('UnrecognizedClientException'), /\bThe security token included in the request is invalid\b/], COMMON),
  A('SignatureDoesNotMatch', 'permissions', 'strong', 'identity', 'The request signature is wrong: a bad secret key or a skewed clock.', [code('SignatureDoesNotMatch'), code('InvalidSignatureException'), /\bSignature expired: \S+ is now earlier than\b/], COMMON),
  A('NoCredentials', 'permissions', 'strong', 'identity', 'The SDK found no credentials (no role attached, metadata endpoint unreachable).', [/\bUnable to locate credentials\b/, /\bNoCredentialProviders\b/, /\bCould not load credentials from any providers\b/, /\bfailed to refresh cached credentials\b/, /\bEC2MetadataError\b/], CREDS),
  A('ResourceNotFoundException', 'config-change', 'weak', 'config', 'The named table, function, secret or stream does not exist (wrong name, region or account).', [code('ResourceNotFoundException')], COMMON),
  A('NoSuchBucket', 'config-change', 'strong', 'config', 'The S3 bucket does not exist.', [code('NoSuchBucket')], S3),
  A('NoSuchKey', 'symptom', 'weak', 'file', 'The S3 object does not exist.', [code('NoSuchKey')], S3),
  A('ParameterNotFound', 'config-change', 'strong', 'secret', 'The SSM parameter does not exist.', [code('ParameterNotFound')], SSM),
  A('QueueDoesNotExist', 'config-change', 'strong', 'config', 'The SQS queue does not exist.', [code('QueueDoesNotExist'), /\bAWS\.SimpleQueueService\.NonExistentQueue\b/], SQS),
  A('KMSAccessDenied', 'permissions', 'strong', 'identity', 'The caller may not use the KMS key (key policy or grant).', [code('KMSAccessDeniedException'), /\bkms:Decrypt\b.*\bnot authorized\b|\bnot authorized\b.*\bkms:Decrypt\b/], KMS),
  A('KMSDisabled', 'config-change', 'strong', 'secret', 'The KMS key is disabled or pending deletion.', [code('DisabledException'), code('KMSInvalidStateException'), code('KMSDisabledException')], KMS),
  A('ValidationException', 'symptom', 'weak', 'config', 'The request failed input validation.', [code('ValidationException'), code('ValidationError'), code('InvalidParameterException'), code('InvalidParameterValue')], COMMON),
  A('ConditionalCheckFailedException', 'symptom', 'weak', undefined, 'A DynamoDB condition expression evaluated to false.', [code('ConditionalCheckFailedException')], DDB),
  A('TransactionConflictException', 'symptom', 'weak', undefined, 'A DynamoDB transaction conflicted with another.', [code('TransactionConflictException'), code('TransactionCanceledException')], DDB),
  A('ServiceUnavailable', 'dependency', 'weak', 'dependency', 'The AWS service is temporarily unavailable.', [code('ServiceUnavailableException'), code('ServiceUnavailable')], COMMON),
  A('InternalFailure', 'dependency', 'weak', 'dependency', 'The AWS service failed internally.', [code('InternalFailure'), code('InternalServerError'), code('InternalServerException')], COMMON),
  A('RequestTimeout', 'dependency', 'weak', 'dependency', 'The AWS endpoint timed out the request (or the socket idled).', [code('RequestTimeoutException'), code('RequestTimeout')], S3),
];
