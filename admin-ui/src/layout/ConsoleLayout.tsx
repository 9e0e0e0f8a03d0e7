import { Layout, type LayoutProps } from 'react-admin';
import { ConsoleAppBar } from './ConsoleAppBar.tsx';
import { NavMenu } from './NavMenu.tsx';

const ConsoleLayout = ({ children }: LayoutProps) => (
  <Layout appBar={ConsoleAppBar} menu={NavMenu} appBarAlwaysOn>
    {children}
  </Layout>
);

export default ConsoleLayout;
