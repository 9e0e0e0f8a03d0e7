/**
 * Material icons the menu can show by name (`nav[].icon`). A curated set imported one file each, so the
 * console never pulls the whole @mui/icons-material barrel; it lives in the post-login layout chunk.
 * Keep in sync with BUILT_IN_NAV_ICONS in @platform/sdk/admin (a unit test checks). Plugins add
 * other icons through `defineAdminPlugin({ icons })`.
 */
import type { ComponentType } from 'react';
import type { SvgIconProps } from '@mui/material/SvgIcon';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import AnalyticsIcon from '@mui/icons-material/Analytics';
import ApiIcon from '@mui/icons-material/Api';
import AppsIcon from '@mui/icons-material/Apps';
import ArticleIcon from '@mui/icons-material/Article';
import AssessmentIcon from '@mui/icons-material/Assessment';
import AssignmentIcon from '@mui/icons-material/Assignment';
import AttachMoneyIcon from '@mui/icons-material/AttachMoney';
import BackupIcon from '@mui/icons-material/Backup';
import BarChartIcon from '@mui/icons-material/BarChart';
import BoltIcon from '@mui/icons-material/Bolt';
import BookIcon from '@mui/icons-material/Book';
import BugReportIcon from '@mui/icons-material/BugReport';
import BuildIcon from '@mui/icons-material/Build';
import BusinessIcon from '@mui/icons-material/Business';
import CampaignIcon from '@mui/icons-material/Campaign';
import CategoryIcon from '@mui/icons-material/Category';
import ChatIcon from '@mui/icons-material/Chat';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CloudIcon from '@mui/icons-material/Cloud';
import CodeIcon from '@mui/icons-material/Code';
import CreditCardIcon from '@mui/icons-material/CreditCard';
import DashboardIcon from '@mui/icons-material/Dashboard';
import DescriptionIcon from '@mui/icons-material/Description';
import DnsIcon from '@mui/icons-material/Dns';
import EmailIcon from '@mui/icons-material/Email';
import EventIcon from '@mui/icons-material/Event';
import ExtensionIcon from '@mui/icons-material/Extension';
import FavoriteIcon from '@mui/icons-material/Favorite';
import FlagIcon from '@mui/icons-material/Flag';
import FolderIcon from '@mui/icons-material/Folder';
import GavelIcon from '@mui/icons-material/Gavel';
import GroupIcon from '@mui/icons-material/Group';
import GroupsIcon from '@mui/icons-material/Groups';
import HandshakeIcon from '@mui/icons-material/Handshake';
import HealingIcon from '@mui/icons-material/Healing';
import HistoryIcon from '@mui/icons-material/History';
import HomeIcon from '@mui/icons-material/Home';
import HubIcon from '@mui/icons-material/Hub';
import InboxIcon from '@mui/icons-material/Inbox';
import InsightsIcon from '@mui/icons-material/Insights';
import InventoryIcon from '@mui/icons-material/Inventory';
import KeyIcon from '@mui/icons-material/Key';
import LabelIcon from '@mui/icons-material/Label';
import LanguageIcon from '@mui/icons-material/Language';
import LinkIcon from '@mui/icons-material/Link';
import ListIcon from '@mui/icons-material/List';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import LockIcon from '@mui/icons-material/Lock';
import MailIcon from '@mui/icons-material/Mail';
import MemoryIcon from '@mui/icons-material/Memory';
import MenuIcon from '@mui/icons-material/Menu';
import MonitorIcon from '@mui/icons-material/Monitor';
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import NotesIcon from '@mui/icons-material/Notes';
import NotificationsIcon from '@mui/icons-material/Notifications';
import NotificationsActiveIcon from '@mui/icons-material/NotificationsActive';
import PaymentIcon from '@mui/icons-material/Payment';
import PeopleIcon from '@mui/icons-material/People';
import PercentIcon from '@mui/icons-material/Percent';
import PersonIcon from '@mui/icons-material/Person';
import PolicyIcon from '@mui/icons-material/Policy';
import PublicIcon from '@mui/icons-material/Public';
import ReceiptIcon from '@mui/icons-material/Receipt';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import RocketIcon from '@mui/icons-material/Rocket';
import RocketLaunchIcon from '@mui/icons-material/RocketLaunch';
import ScheduleIcon from '@mui/icons-material/Schedule';
import ScienceIcon from '@mui/icons-material/Science';
import SecurityIcon from '@mui/icons-material/Security';
import SettingsIcon from '@mui/icons-material/Settings';
import ShieldIcon from '@mui/icons-material/Shield';
import ShoppingCartIcon from '@mui/icons-material/ShoppingCart';
import SmsIcon from '@mui/icons-material/Sms';
import SpeedIcon from '@mui/icons-material/Speed';
import StarIcon from '@mui/icons-material/Star';
import StickyNote2Icon from '@mui/icons-material/StickyNote2';
import StorageIcon from '@mui/icons-material/Storage';
import StorefrontIcon from '@mui/icons-material/Storefront';
import SupportAgentIcon from '@mui/icons-material/SupportAgent';
import SyncIcon from '@mui/icons-material/Sync';
import TaskIcon from '@mui/icons-material/Task';
import TerminalIcon from '@mui/icons-material/Terminal';
import TimelineIcon from '@mui/icons-material/Timeline';
import TimerIcon from '@mui/icons-material/Timer';
import ToggleOnIcon from '@mui/icons-material/ToggleOn';
import TuneIcon from '@mui/icons-material/Tune';
import UpgradeIcon from '@mui/icons-material/Upgrade';
import VerifiedIcon from '@mui/icons-material/Verified';
import VisibilityIcon from '@mui/icons-material/Visibility';
import VpnKeyIcon from '@mui/icons-material/VpnKey';
import WarningIcon from '@mui/icons-material/Warning';
import WebhookIcon from '@mui/icons-material/Webhook';
import WidgetsIcon from '@mui/icons-material/Widgets';
import CircleOutlinedIcon from '@mui/icons-material/CircleOutlined';

export const navIcons: Record<string, ComponentType<SvgIconProps>> = {
  AccountBalance: AccountBalanceIcon,
  AccountTree: AccountTreeIcon,
  Analytics: AnalyticsIcon,
  Api: ApiIcon,
  Apps: AppsIcon,
  Article: ArticleIcon,
  Assessment: AssessmentIcon,
  Assignment: AssignmentIcon,
  AttachMoney: AttachMoneyIcon,
  Backup: BackupIcon,
  BarChart: BarChartIcon,
  Bolt: BoltIcon,
  Book: BookIcon,
  BugReport: BugReportIcon,
  Build: BuildIcon,
  Business: BusinessIcon,
  Campaign: CampaignIcon,
  Category: CategoryIcon,
  Chat: ChatIcon,
  CheckCircle: CheckCircleIcon,
  Cloud: CloudIcon,
  Code: CodeIcon,
  CreditCard: CreditCardIcon,
  Dashboard: DashboardIcon,
  Description: DescriptionIcon,
  Dns: DnsIcon,
  Email: EmailIcon,
  Event: EventIcon,
  Extension: ExtensionIcon,
  Favorite: FavoriteIcon,
  Flag: FlagIcon,
  Folder: FolderIcon,
  Gavel: GavelIcon,
  Group: GroupIcon,
  Groups: GroupsIcon,
  Handshake: HandshakeIcon,
  Healing: HealingIcon,
  History: HistoryIcon,
  Home: HomeIcon,
  Hub: HubIcon,
  Inbox: InboxIcon,
  Insights: InsightsIcon,
  Inventory: InventoryIcon,
  Key: KeyIcon,
  Label: LabelIcon,
  Language: LanguageIcon,
  Link: LinkIcon,
  List: ListIcon,
  LocalOffer: LocalOfferIcon,
  Lock: LockIcon,
  Mail: MailIcon,
  Memory: MemoryIcon,
  Menu: MenuIcon,
  Monitor: MonitorIcon,
  MonitorHeart: MonitorHeartIcon,
  Notes: NotesIcon,
  Notifications: NotificationsIcon,
  NotificationsActive: NotificationsActiveIcon,
  Payment: PaymentIcon,
  People: PeopleIcon,
  Percent: PercentIcon,
  Person: PersonIcon,
  Policy: PolicyIcon,
  Public: PublicIcon,
  Receipt: ReceiptIcon,
  ReceiptLong: ReceiptLongIcon,
  ReportProblem: ReportProblemIcon,
  Rocket: RocketIcon,
  RocketLaunch: RocketLaunchIcon,
  Schedule: ScheduleIcon,
  Science: ScienceIcon,
  Security: SecurityIcon,
  Settings: SettingsIcon,
  Shield: ShieldIcon,
  ShoppingCart: ShoppingCartIcon,
  Sms: SmsIcon,
  Speed: SpeedIcon,
  Star: StarIcon,
  StickyNote2: StickyNote2Icon,
  Storage: StorageIcon,
  Storefront: StorefrontIcon,
  SupportAgent: SupportAgentIcon,
  Sync: SyncIcon,
  Task: TaskIcon,
  Terminal: TerminalIcon,
  Timeline: TimelineIcon,
  Timer: TimerIcon,
  ToggleOn: ToggleOnIcon,
  Tune: TuneIcon,
  Upgrade: UpgradeIcon,
  Verified: VerifiedIcon,
  Visibility: VisibilityIcon,
  VpnKey: VpnKeyIcon,
  Warning: WarningIcon,
  Webhook: WebhookIcon,
  Widgets: WidgetsIcon,
};

/** Shown for an icon name the console does not know. */
export const FallbackNavIcon = CircleOutlinedIcon;
